using Assistant.Index.Answers;
using Assistant.Index.Understanding;

namespace Assistant.Index.Tests;

/// <summary>The three outcomes: answered (high), closest (low, says so), out of scope by what is asked (no answer).</summary>
[Collection(PlanCollection.Name)]
public sealed class UnderstandingAnswerTests(PlanFixture plan)
{
    [Theory]
    [InlineData("明天空气怎么样，能出去晨练吗", AskedScope.Forecast)]
    [InlineData("明天会下大雨吗", AskedScope.Forecast)]
    [InlineData("楼下饭馆油烟熏了我好几年，能给我赔点钱不", AskedScope.Claim)]
    [InlineData("区生态环境局电话多少", AskedScope.Contact)]
    [InlineData("护国寺那家“老王卤煮”有没有营业执照", AskedScope.Permit)]
    [InlineData("护国寺街那家烤串店有没有环保手续", AskedScope.Permit)]
    [InlineData("牛街那家涮肉馆有没有排污许可？", AskedScope.Permit)]
    [InlineData("朝阳那边PM2.5目标是多少", AskedScope.Place)]
    [InlineData("你好呀，你是机器人吗", AskedScope.Chat)]
    [InlineData("Who is responsible for restaurant fumes in Xicheng?", AskedScope.Language)]
    [InlineData("天津的PM2.5目标是多少", AskedScope.Place)]
    [InlineData("全国的优良天数目标是多少", AskedScope.Place)]
    [InlineData("西城区今年空气质量排名全市第几", AskedScope.Place)]
    [InlineData("北京市的PM2.5目标是多少", AskedScope.Place)]
    [InlineData("我想开个烧烤店需要啥手续", AskedScope.Permit)]
    [InlineData("附近哪有充电桩", AskedScope.Contact)]
    [InlineData("你们这个机器人准不准啊", AskedScope.Chat)]
    [InlineData("雾霾天能不能出门跑步", AskedScope.Forecast)]
    [InlineData("重污染天孩子要不要上学", AskedScope.Forecast)]
    [InlineData("排污许可证怎么申请", AskedScope.Permit)]
    [InlineData("西城区哪个公园最适合遛弯", AskedScope.Chat)]
    [InlineData("老人咳嗽好几天了是不是空气不好，用不用去医院", AskedScope.Forecast)]
    [InlineData("下礼拜有没有重污染", AskedScope.Forecast)]
    [InlineData("那明天是好天儿不", AskedScope.Forecast)]
    [InlineData("油烟净化器哪家的好用，推荐一下", AskedScope.Chat)]
    [InlineData("电动车买哪款续航长", AskedScope.Chat)]
    [InlineData("开个小饭馆要办哪些证", AskedScope.Permit)]
    [InlineData("我想开烧烤店，环保手续咋办", AskedScope.Permit)]
    [InlineData("排污许可证在哪儿申请", AskedScope.Permit)]
    [InlineData("新街口那家烤鸭店有证没有", AskedScope.Permit)]
    [InlineData("施工把我车砸了能赔多少", AskedScope.Claim)]
    [InlineData("全北京明年PM2.5打算控制在多少", "year")]
    [InlineData("全市的PM2.5今年要降到多少", AskedScope.Place)]
    [InlineData("上哪儿能买到便宜的油烟净化器", AskedScope.Chat)]
    [InlineData("去年的优良天数目标是多少", "year")]
    [InlineData("明儿能带孩子出去跑步不", AskedScope.Forecast)]
    [InlineData("生态环境部今年对全国PM2.5的考核目标是多少", AskedScope.Place)]
    [InlineData("国家大气十条具体有哪几条", AskedScope.Place)]
    [InlineData("老家河北农村的散煤治理咋弄", AskedScope.Place)]
    [InlineData("老家山东的散煤怎么治理", AskedScope.Place)]
    [InlineData("环评审批流程是咋走的", AskedScope.Permit)]
    public void Out_of_scope_is_decided_by_what_is_asked(string question, string category)
    {
        var answer = plan.Runtime.Answers.Compute(question);
        Assert.True(answer.NoAnswer);
        Assert.Null(answer.Confidence);
        Assert.Equal(category, answer.OutOfScope);
        Assert.Contains("我可以回答", answer.Text);
    }

    [Theory]
    // The plan's own procedures and its measures for bad-air days are still answered.
    [InlineData("夜间施工证明怎么办理")]
    [InlineData("重污染天气应急谁牵头")]
    public void The_plans_own_procedures_and_bad_air_measures_are_answered(string question)
    {
        Assert.False(plan.Runtime.Answers.Compute(question).NoAnswer);
    }

    [Theory]
    // What is asked, by its cue words: 的活儿 names a task (asked when, it is a deadline question), 的活动 is no task,
    // units that 参与 or 帮着 are the co-operating ones.
    [InlineData("公交车换电动的活儿有期限吗", Intent.Deadline)]
    [InlineData("公交车换电动的活儿谁牵头", Intent.Lead)]
    [InlineData("老旧小区改造年内能完吗", Intent.Deadline)]
    [InlineData("普及土壤知识的活动有没有", Intent.Search)]
    [InlineData("供暖节能改造哪些单位参与", Intent.Co)]
    [InlineData("教委在方案里有啥活儿", Intent.Duties)]
    [InlineData("街边谁都能用的充电桩啥时候能多建点", Intent.Deadline)]
    [InlineData("不让新建燃煤锅炉的规定是一直有效吗", Intent.Deadline)]
    [InlineData("水源地执法是常态化的还是阶段性的", Intent.Deadline)]
    [InlineData("大气治理那个规划编完有日子吗", Intent.Deadline)]
    [InlineData("环保局下半年要交哪些差", Intent.Duties)]
    [InlineData("住建那边配合人家干的事儿", Intent.Duties)]
    [InlineData("我是城管执法的，我们二季度有啥要完成的", Intent.Duties)]
    public void The_question_kind_is_read_from_everyday_cues(string question, Intent intent)
    {
        Assert.Equal(intent, plan.Runtime.Answers.Reader.Read(question).Intent);
    }

    [Theory]
    [InlineData("我们园林今年牵头的活儿有哪些", "区园林绿化局")]
    [InlineData("水务这块儿年底前要干完的有啥", "区水务局")]
    [InlineData("咱们环保下半年要交哪些差", "区生态环境局")]
    [InlineData("街道要配合啥", "各街道办事处")]
    public void Staff_naming_their_own_unit_by_a_bare_word_get_its_duties(string question, string unit)
    {
        var asked = plan.Runtime.Answers.Reader.Read(question);

        Assert.Equal(Intent.Duties, asked.Intent);
        Assert.Equal(unit, Assert.Single(asked.Units).Name);
    }

    [Fact]
    public void A_bare_word_the_plan_uses_for_a_thing_is_no_unit_outside_a_question_of_duties()
    {
        Assert.Empty(plan.Runtime.Answers.Reader.Read("园林绿化垃圾怎么处理").Units);
    }

    [Theory]
    [InlineData("城管委10月到12月的任务", 10, 12)]
    [InlineData("七至九月发改有啥到期", 7, 9)]
    [InlineData("商务局十一二月份到期的牵头活儿", 11, 12)]
    [InlineData("发改七八月有啥到期", 7, 8)]
    [InlineData("城管委十一、十二月的任务", 11, 12)]
    public void A_span_of_months_is_read_whole(string question, int first, int last)
    {
        var asked = plan.Runtime.Answers.Reader.Read(question);

        Assert.Equal(Intent.Duties, asked.Intent);
        Assert.Equal(new DateOnly(2024, first, 1), asked.Time!.From);
        Assert.Equal(last, asked.Time.To.Month);
    }

    [Theory]
    // Staff asking for their own list in everyday words: the unit, and nothing to look for but "its work".
    [InlineData("园林局这次牵头的事儿", "区园林绿化局")]
    [InlineData("交通委三季度手头牵头的", "区交通委")]
    [InlineData("市场监管局配合的事项有多少，都是啥", "区市场监管局")]
    [InlineData("城管执法一季度要配合的活儿", "区城管执法局")]
    [InlineData("发改上半年有啥要交的活儿", "区发展改革委")]
    [InlineData("园林今年领了哪些活儿", "区园林绿化局")]
    [InlineData("交通委在这个方案里主要管哪几块", "区交通委")]
    public void A_unit_and_only_its_work_asks_for_its_duties(string question, string unit)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.Equal(unit, answer.Context.Unit);
    }

    [Fact]
    public void A_unit_and_a_matter_is_still_a_question_about_the_matter()
    {
        Assert.NotEqual(Intent.Duties, plan.Runtime.Answers.Compute("园林局这次牵头的裸地治理啥时候完").Intent);
        Assert.Equal(Intent.Lead, plan.Runtime.Answers.Compute("交通委手头的充电桩建设谁牵头").Intent);
    }

    [Fact]
    public void A_framing_adverb_does_not_narrow_a_list_of_duties()
    {
        var plain = plan.Runtime.Answers.Compute("区市场监管局负责哪些事");
        var framed = plan.Runtime.Answers.Compute("区市场监管局主要负责哪些事");

        Assert.True(plain.Matches.Count > 2);
        Assert.Equal(plain.Matches.Select(m => m.MeasureRef), framed.Matches.Select(m => m.MeasureRef));
    }

    [Fact]
    public void A_figure_is_not_given_for_a_measure_the_question_is_not_surely_about()
    {
        // A number is a precise answer: a weak match gets the closest-match answer (low) or none, never a figure as high.
        var answer = plan.Runtime.Answers.Compute("养大狗要办证吗，能养多大的");

        Assert.NotEqual(Confidence.High, answer.Confidence);
    }

    [Fact]
    public void No_word_for_a_matter_outside_the_plan_occurs_in_the_plan()
    {
        var plan_ = plan.Knowledge.Plan;
        var text = string.Concat(plan_.Measures.Select(m => m.TaskName + m.Section + m.Text))
            + string.Concat(plan_.Annexes.Select(a => a.Title)) + string.Concat(plan_.DistrictTargets.Select(t => t.Name));
        Assert.All(OutsideThePlan.Words.Concat(OutsideThePlan.StrongWords), w => Assert.DoesNotContain(w, text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("养大狗要办证吗，能养多大的")]
    [InlineData("新能源车摇号一年摇几次")]
    [InlineData("小区物业费涨价了找谁")]
    [InlineData("电动自行车上牌去哪儿")]
    [InlineData("饭馆服务员态度差能投诉吗")]
    [InlineData("我家孩子哮喘，雾霾天该咋办")]
    [InlineData("养的鸽子扰民怎么办")]
    [InlineData("胡同里有人烧树叶子谁管")]
    [InlineData("我家小区树上有马蜂窝谁来摘")]
    [InlineData("我家装修甲醛超标，找谁检测？")]
    [InlineData("小区楼顶装了5G基站 担心辐射 找哪个部门")]
    [InlineData("我们小区垃圾桶被人偷了，这事儿找谁")]
    [InlineData("家里空气净化器多久换滤芯")]
    [InlineData("电动车电池起火了怎么办")]
    [InlineData("楼下超市卖过期食品找谁")]
    [InlineData("装修垃圾怎么预约清运")]
    [InlineData("今年小客车指标还能摇到吗")]
    [InlineData("装个新电表，供电公司收安装费吗")]
    public void A_matter_of_daily_life_the_plan_never_names_is_declined(string question)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.True(answer.NoAnswer, answer.Text);
        Assert.Equal(OutsideThePlan.Category, answer.OutOfScope);
        Assert.Contains("我可以回答", answer.Text, StringComparison.Ordinal);
        // The refusal names the matter asked about, not a list of others (宠物, 摇号…) the asker never mentioned.
        Assert.Contains($"“{OutsideThePlan.Find(Search.ChineseText.Normalize(question))}”", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025年的方案啥时候出", AskedScope.Year)]
    [InlineData("2023年的计划里油烟谁管", AskedScope.Year)]
    [InlineData("我家抽油烟机买啥牌子好", AskedScope.Chat)]
    [InlineData("西城哪家幼儿园最好", AskedScope.Chat)]
    [InlineData("幼儿园门口能不能划停车位", OutsideThePlan.Category)]
    [InlineData("我家被熏坏的窗帘谁赔", AskedScope.Claim)]
    [InlineData("取暖季电采暖优惠电价是几毛一度", "money")]
    [InlineData("扬尘的罚款额度是怎么定的", "money")]
    [InlineData("换个净化器要交多少维护费", "money")]
    [InlineData("自己家装充电桩，供电公司收多少安装费？", "money")]
    [InlineData("上个月德胜街道PM2.5实测均值是多少", AskedScope.Forecast)]
    [InlineData("监测到的噪声数值是多少", AskedScope.Forecast)]
    public void Other_years_plans_shopping_advice_claims_and_prices_are_declined(string question, string category)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.True(answer.NoAnswer, answer.Text);
        Assert.Equal(category, answer.OutOfScope);
    }

    [Theory]
    [InlineData("甲烷这块儿少排，区里准备咋弄")]
    [InlineData("那块儿的噪声打算咋管")]
    public void Framing_words_and_their_erhua_leave_the_topic(string question)
    {
        var topic = plan.Runtime.Answers.Reader.Read(question).Topic;

        Assert.DoesNotContain("儿", topic, StringComparison.Ordinal);
        Assert.DoesNotContain("咋", topic, StringComparison.Ordinal);
        Assert.DoesNotContain("准备", topic, StringComparison.Ordinal);
        Assert.DoesNotContain("打算", topic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sum_that_describes_a_thing_is_no_money_question()
    {
        // 值多少钱的核算 names the accounting of what nature is worth; 多少钱 at the end asks a sum.
        Assert.NotEqual("money", plan.Runtime.Answers.Compute("衡量绿地湖水调节气候值多少钱的核算，区里咋弄").OutOfScope);
        Assert.Equal("money", plan.Runtime.Answers.Compute("换个新能源车政府给多少钱").OutOfScope);
    }

    [Theory]
    // The plan's own task for restaurant fumes (加强餐饮油烟源头管控) comes first; the hotline row 1-19-1 may follow.
    [InlineData("饭馆冒油烟 谁管")]
    [InlineData("饭馆油烟谁管")]
    [InlineData("楼下饭馆油烟太大归谁管")]
    public void Restaurant_fumes_are_answered_from_the_plans_fumes_task_first(string question)
    {
        Assert.Equal("附件1-15-1", plan.Runtime.Answers.Compute(question).Matches[0].MeasureRef);
    }

    [Fact]
    public void A_plan_term_inside_an_everyday_word_is_kept_when_the_word_is_rewritten()
    {
        // Every concept's everyday word that holds another plan term: rewritten, the question still holds that term.
        var vocabulary = plan.Runtime.Knowledge.Everyday;
        var terms = vocabulary.Measures.SelectMany(m => m.Concepts.Select(c => Search.ChineseText.Normalize(c.Plan))).Where(t => t.Length >= 2).ToHashSet();
        var checkedWords = 0;
        foreach (var concept in vocabulary.Measures.SelectMany(m => m.Concepts))
        {
            foreach (var word in concept.Everyday.Select(Search.ChineseText.Normalize))
            {
                var inside = terms.FirstOrDefault(t => word.Contains(t, StringComparison.Ordinal) && !Search.ChineseText.Normalize(concept.Plan).Contains(t, StringComparison.Ordinal) && t != word);
                var hits = plan.Runtime.Gazetteer.EverydayWords(word);
                if (inside is null || hits.Count != 1 || hits[0].Word != word)
                {
                    continue;
                }

                checkedWords++;
                Assert.Contains(inside, plan.Runtime.Gazetteer.ToPlanVocabulary(word), StringComparison.Ordinal);
            }
        }

        Assert.True(checkedWords >= 20, $"{checkedWords}");
    }

    [Theory]
    // How it is done, with nobody's name asked, is a question of what the plan says; with a name asked, of who.
    [InlineData("小河沟小水坑的水质有人管吗 咋管的", Intent.Search)]
    [InlineData("河边那种小的测水站有几个？都干嘛用的？", Intent.Search)]
    [InlineData("饭馆油烟归谁管，咋管的", Intent.Lead)]
    [InlineData("政府今年到底管不管饭馆冒油烟啊？有啥措施没", Intent.Search)]
    [InlineData("各种废气排放总的要减多少，咋减", Intent.Search)]
    // The lead asked beside 配合: 是牵头还是配合, 我们要配合，牵头的是谁.
    [InlineData("重金属的厂子防污这项，我们局是牵头还是配合？", Intent.Lead)]
    [InlineData("湖里的水生态提升，我们局要配合，牵头的是谁？", Intent.Lead)]
    // 是全年都要干吧 asks how long, not who: a span of time stands where a unit would.
    [InlineData("每三个月配合市里干一回的那个土壤的事，是全年都要干吧？", Intent.Deadline)]
    [InlineData("土壤那个事是园林局干吧？", Intent.Lead)]
    // 挑头 / 牵的头 ask who leads; 胡同儿 is 胡同; a plan word the question names (摩托车) is not rewritten away.
    [InlineData("恢复湿地那事儿园林局是挑头的不", Intent.Lead)]
    [InlineData("胡同儿里又在修修补补搞整治 谁牵的头啊", Intent.Lead)]
    [InlineData("叉车改电动的那摊事儿，是环保局挑头还是发改挑头？", Intent.Lead)]
    public void Everyday_ways_of_asking_are_read_as_what_they_ask(string question, Intent intent)
    {
        Assert.Equal(intent, plan.Runtime.Answers.Compute(question).Intent);
    }

    [Fact]
    public void A_run_of_the_plans_own_words_inside_an_everyday_word_is_kept()
    {
        // 水源地执法 → 专项执法 keeps 水源地, the plan's own word for what is enforced.
        var topic = plan.Runtime.Answers.Reader.Read("饮用水源地执法检查谁管").Topic;

        Assert.Contains("水源地", plan.Runtime.Gazetteer.ToPlanVocabulary("水源地执法"), StringComparison.Ordinal);
        Assert.Equal("附件2-2-3", plan.Runtime.Answers.Compute("饮用水源地执法检查谁管").Matches[0].MeasureRef);
        Assert.NotEmpty(topic);
    }

    [Fact]
    public void Erhua_on_a_place_word_is_read_as_the_bare_word()
    {
        Assert.Contains("胡同", plan.Runtime.Answers.Reader.Read("胡同儿里搞整治谁牵头").Topic, StringComparison.Ordinal);
        Assert.DoesNotContain("胡同儿", plan.Runtime.Answers.Reader.Read("胡同儿里搞整治谁牵头").Topic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_street_word_used_as_a_place_is_no_staff_unit()
    {
        // 街道上的洒水车: on the street, not "we, the street office".
        Assert.NotEqual(Intent.Duties, plan.Runtime.Answers.Compute("街道上的洒水车是干啥的").Intent);
        Assert.Equal(Intent.Duties, plan.Runtime.Answers.Compute("我们街道今年牵头的活儿有哪些").Intent);
    }

    [Fact]
    public void A_canteen_is_a_catering_unit()
    {
        Assert.Equal("附件1-15-1", plan.Runtime.Answers.Compute("学校食堂油烟谁管").Matches[0].MeasureRef);
    }

    [Fact]
    public void A_factory_let_out_is_no_question_about_rent()
    {
        Assert.NotEqual(OutsideThePlan.Category, plan.Runtime.Answers.Compute("厂房租给别人之前要不要先测土").OutOfScope);
        Assert.Equal(OutsideThePlan.Category, plan.Runtime.Answers.Compute("房租涨了找谁").OutOfScope);
    }

    [Fact]
    public void A_measure_that_names_another_year_is_still_answered()
    {
        Assert.False(plan.Runtime.Answers.Compute("到2025年供热能耗要降到多少").NoAnswer);
    }

    [Theory]
    [InlineData("举报工地夜里施工有奖励吗")]
    [InlineData("我家煤改电的补贴啥时候发到卡上")]
    [InlineData("新能源车补贴今年还有吗")]
    [InlineData("换新能源车国家补多少")]
    [InlineData("烧烤店被查到没装净化器要罚款吗，罚几千")]
    public void A_sum_or_payment_for_a_person_is_a_money_question_the_plan_does_not_answer(string question)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.True(answer.NoAnswer, answer.Text);
        Assert.Equal("money", answer.OutOfScope);
    }

    [Fact]
    public void A_units_supporting_work_asked_as_a_list_is_its_co_duties()
    {
        var answer = plan.Runtime.Answers.Compute("园林局给别的单位打配合的活儿都列一下");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.False(answer.NoAnswer, answer.Text);
        Assert.All(answer.Matches, m => Assert.Contains("区园林绿化局", plan.Runtime.Knowledge.FindMeasure(m.MeasureRef)!.CoUnits));
    }

    [Fact]
    public void Pollution_said_beside_a_matter_of_daily_life_is_still_searched()
    {
        var answer = plan.Runtime.Answers.Compute("小区里狗叫得太吵了，噪声谁管");

        Assert.NotEqual(OutsideThePlan.Category, answer.OutOfScope);
    }

    [Theory]
    // How someone asked, or working with the neighbours, is no reason to decline.
    [InlineData("快过年了有人打电话问放鞭炮的规矩谁负责落实", "附件1-17-2")]
    [InlineData("跟天津河北一起应对重污染天，是常态化的还是有截止", "附件1-23-1")]
    // A national day (全国低碳日) is kept in the district too: no other place's plan.
    [InlineData("全国低碳日那些活动谁牵头搞", "附件4-17-1")]
    public void Words_near_an_out_of_scope_cue_do_not_decline(string question, string measureRef)
    {
        var answer = plan.Runtime.Answers.Compute(question);
        Assert.False(answer.NoAnswer, answer.Text);
        Assert.Equal(measureRef, answer.Matches[0].MeasureRef);
    }

    [Fact]
    public void A_district_target_asked_without_naming_the_district_is_the_district_figure()
    {
        var answer = plan.Runtime.Answers.Compute("一年里好天儿得占多大比例才算达标？");
        Assert.Contains(answer.Figures, f => f.Name == "优良天数比率" && f.Value == "76");
    }

    [Theory]
    [InlineData("什刹海街道在方案里要配合干点啥", "什刹海街道")]
    [InlineData("教委在这些环保任务里配合干点啥？", "区教委")]
    public void What_a_unit_supports_in_everyday_words_is_its_duties(string question, string unitOrStreet)
    {
        var answer = plan.Runtime.Answers.Compute(question);
        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.Contains(unitOrStreet, answer.Text);
        Assert.NotEmpty(answer.Matches);
    }

    [Fact]
    public void Pooled_words_find_a_measure_no_single_alternate_question_matches_well()
    {
        // The pool holds each measure's text, concepts and all its alternate questions as one document.
        var hits = new PlanUnderstanding(plan.Knowledge, q => plan.Runtime.Answers.Reader.Read(q).Topic).PooledMeasures("过年 放炮仗 规矩 谁落实");
        Assert.NotEmpty(hits);
        Assert.Equal("附件1-17-2", hits[0].Ref);
        Assert.InRange(hits[0].Coverage, 0.2, 1.0);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void Another_language_is_answered_in_Chinese_with_one_English_line()
    {
        var answer = plan.Runtime.Answers.Compute("What is the PM2.5 target for Xicheng this year?");
        Assert.StartsWith("本助手用中文解答", answer.Text);
        Assert.Single(answer.Text.Split('\n'), line => line.StartsWith("This assistant answers", StringComparison.Ordinal));
    }

    [Theory]
    // Everyday words for plan concepts, answered with confidence.
    [InlineData("楼下饭馆天天往我家窗户排烟，谁管？", "附件1-15-1")]
    [InlineData("饭店炒菜的油烟味儿熏得慌，这事哪个部门牵头？", "附件1-15-1")]
    public void Everyday_words_reach_the_measure_with_high_confidence(string question, string measureRef)
    {
        var answer = plan.Runtime.Answers.Compute(question);
        Assert.False(answer.NoAnswer);
        Assert.Equal(Confidence.High, answer.Confidence);
        Assert.Equal(measureRef, answer.Matches[0].MeasureRef);
    }

    [Fact]
    public void A_detail_the_plan_does_not_state_is_not_dressed_up_as_an_answer()
    {
        var answer = plan.Runtime.Answers.Compute("装修噪音晚上几点以后不能施工");
        // Not an answer (the plan has no hours), but it points to what the plan says about night work.
        Assert.True(answer.NoAnswer);
        Assert.Equal(AnswerEngine.DetailMissing, answer.OutOfScope);
        Assert.StartsWith("计划没有写明", answer.Text);
        Assert.Contains("计划中最接近的是", answer.Text);
        Assert.InRange(answer.Matches.Count, 1, 3);
        Assert.All(answer.Matches, m => Assert.Contains(m.MeasureRef, answer.Text));
    }

    [Theory]
    [InlineData("国家对餐饮油烟排放标准是多少毫克", "具体的排放限值或标准数值")]
    [InlineData("饭馆油烟超过多少就算超标", "具体的排放限值或标准数值")]
    [InlineData("饭店油烟净化器多久洗一次", "具体的频次（多久一次）")]
    [InlineData("加油站多长时间查一次", "具体的频次（多久一次）")]
    [InlineData("饭馆的油烟管道多久清一回", "具体的频次（多久一次）")]
    public void A_limit_or_interval_the_plan_does_not_state_is_no_answer_but_points_to_the_plan(string question, string detail)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.True(answer.NoAnswer, answer.Text);
        Assert.StartsWith("计划没有写明" + detail, answer.Text);
        Assert.NotEmpty(answer.Matches);
    }

    [Fact]
    public void A_complaint_like_question_search_cannot_place_takes_the_row_of_the_source_it_names()
    {
        // No measure passes on its own words; the complaint's source (油罐车, 汽油味) names the row, not a smell's kitchen.
        var answer = plan.Runtime.Answers.Compute("市民来电：油罐车开过去一股子汽油味儿，运油车跑气儿这事主责哪家？");

        Assert.False(answer.NoAnswer, answer.Text);
        Assert.Equal("附件1-6-1", answer.Matches[0].MeasureRef);
    }

    [Fact]
    public void A_unit_and_a_month_with_nothing_else_asks_what_falls_due_then()
    {
        var answer = plan.Runtime.Answers.Compute("住建委六月份要交差的主责活儿有啥");

        Assert.Equal(Intent.Duties, answer.Intent);
        // No row 住建委 leads falls due in June: said so, not year-end rows passed off as June's.
        Assert.StartsWith("计划中没有区住房城市建设委", answer.Text);
    }

    [Fact]
    public void An_interval_the_plan_does_state_is_answered()
    {
        // 入河排污口 rows say 每季度上报: the interval asked is there to give.
        var answer = plan.Runtime.Answers.Compute("入河排污口的情况多久上报一次");

        Assert.False(answer.NoAnswer, answer.Text);
        Assert.Contains("每季度", answer.Text);
    }

    [Theory]
    // A year in the story (去年开了家店) is not the year asked about; a standard's limit is no target of the plan; tap
    // water to drink is no matter of the plan.
    [InlineData("楼上邻居去年开了个作坊，天天晚上刷油漆，那味儿冲得很，归哪个部门管？", false)]
    [InlineData("国五标准的排放限值是多少", true)]
    [InlineData("家里自来水能不能喝", true)]
    // 拆迁 names a matter outside the plan (compensation), but soil dug up on the site is the plan's own (附件3-3-3).
    [InlineData("市民反映拆迁地挖出的脏土一直堆着，往外拉走处置那条时限是？", false)]
    public void What_is_asked_decides_whether_the_plan_answers(string question, bool refused)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.Equal(refused, answer.NoAnswer);
        Assert.NotEqual("year", answer.OutOfScope);
    }

    [Theory]
    // Everyday ways of asking, read by what the question asks last or plainly.
    [InlineData("这个底数摸了多少、都有谁家，要摸到什么时候？", Intent.Deadline)]
    [InlineData("老旧小区改造那个，年底前能干完吗", Intent.Deadline)]
    [InlineData("治扬尘这事，除了城管谁还管？", Intent.Co)]
    [InlineData("广安门内街道在计划里牵头的都有什么", Intent.Duties)]
    [InlineData("工地扬尘谁查？计划里咋说的", Intent.Search)]
    [InlineData("体育局在里头有配合的活儿吗", Intent.Duties)]
    [InlineData("施工工地扬尘治理，住建委牵头，还有哪些单位协助？", Intent.Co)]
    [InlineData("区教委作为协办单位都参与哪些工作", Intent.Duties)]
    public void Everyday_ways_of_asking_set_the_intent(string question, Intent intent)
    {
        Assert.Equal(intent, plan.Runtime.Answers.Compute(question).Intent);
    }

    [Theory]
    // A target's keyword with a word between its parts (VOCs工程减排 ~ VOCs减排) names it; two targets asked together
    // are both answered.
    [InlineData("VOCs工程减排要减多少吨？", "660吨", "850吨")]
    [InlineData("VOCs和氮氧化物重点工程累计减排量分别是多少吨？", "850吨", null)]
    public void A_district_target_is_found_by_its_words(string question, string figure, string? not)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.Equal(Intent.Indicator, answer.Intent);
        Assert.Contains(figure, answer.Text);
        if (not is not null)
        {
            Assert.DoesNotContain(not, answer.Text);
        }
    }

    [Fact]
    public void Another_thing_after_a_figure_asks_the_same_kind_of_figure_for_it()
    {
        var first = plan.Runtime.Answers.Compute("氮氧化物工程减排要减多少吨？");
        var next = plan.Runtime.Answers.Compute("VOCs呢？", first.Context);
        var quarter = plan.Runtime.Answers.Compute("再问头仨月的", plan.Runtime.Answers.Compute("今年重污染天数控制在几天以内").Context);

        Assert.Contains("850吨", first.Text);
        Assert.Contains("660吨", next.Text);
        Assert.DoesNotContain("850吨", next.Text);
        Assert.False(quarter.NoAnswer);
    }

    [Fact]
    public void A_period_said_twice_in_a_duties_follow_up_is_no_topic()
    {
        var first = plan.Runtime.Answers.Compute("园林局主要负责哪些事儿？");
        var plain = plan.Runtime.Answers.Compute("那十到十二月要完成的呢？", first.Context);
        var twice = plan.Runtime.Answers.Compute("那年底十到十二月要完成的呢？", first.Context);

        Assert.Equal(Intent.Duties, twice.Intent);
        Assert.True(plain.Matches.Count > 2);
        Assert.Equal(plain.Matches.Select(m => m.MeasureRef), twice.Matches.Select(m => m.MeasureRef));
    }

    [Fact]
    public void Calling_before_is_no_request_for_a_phone_number()
    {
        var answer = plan.Runtime.Answers.Compute("工地晚上还在干活，打过好几次电话了也没人来，夜间施工扰民哪个部门牵头？");

        Assert.False(answer.NoAnswer, answer.Text);
        Assert.Equal("附件1-18-2", answer.Matches[0].MeasureRef);
    }

    [Theory]
    [InlineData("计划里具体咋写的", Intent.Search)]
    [InlineData("具体要干啥", Intent.Search)]
    [InlineData("哪年完成", Intent.Deadline)]
    public void A_follow_up_asking_the_wording_or_the_year_keeps_the_measure(string followUp, Intent intent)
    {
        var first = plan.Runtime.Answers.Compute("饭馆油烟谁管");
        var answer = plan.Runtime.Answers.Compute(followUp, first.Context);

        Assert.Equal(intent, answer.Intent);
        Assert.Equal(first.Matches[0].MeasureRef, answer.Matches[0].MeasureRef);
    }

    [Theory]
    [InlineData("摩托车又吵又冒烟，这个方案里有管吗")]
    [InlineData("施工工地的扬尘，计划里有说法吗")]
    public void Whether_the_plan_covers_a_matter_is_answered_with_what_it_says(string question)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.Equal(Intent.Search, answer.Intent);
        Assert.False(answer.NoAnswer, answer.Text);
    }

    [Theory]
    [InlineData("那北京全市的呢？")]
    [InlineData("那全国的呢")]
    public void A_follow_up_moving_a_target_to_the_whole_city_or_country_is_declined(string followUp)
    {
        var first = plan.Runtime.Answers.Compute("西城今年PM2.5目标是多少");
        var answer = plan.Runtime.Answers.Compute(followUp, first.Context);

        Assert.False(first.NoAnswer);
        Assert.True(answer.NoAnswer, answer.Text);
        Assert.Equal(AskedScope.Place, answer.OutOfScope);
    }

    [Fact]
    public void A_nickname_of_several_units_is_answered_for_one_and_says_which_others_it_may_mean()
    {
        var answer = plan.Runtime.Answers.Compute("城管负责哪些工作");
        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.Equal(Confidence.Low, answer.Confidence);
        Assert.Contains("也可能指区城市管理委", answer.Text);
        Assert.Equal(Confidence.High, plan.Runtime.Answers.Compute("区城管执法局负责哪些工作").Confidence);
    }
}
